// The smoke flows in Firefox (Debian's firefox-esr, headless, over WebDriver BiDi).
import { smokeFlows } from './smoke.mjs';

smokeFlows('firefox');
