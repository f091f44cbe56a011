// Screenshots of the edit page as a student on a phone sees it, into docs/screenshots/:
// 390 and 320 px wide (a 3× touch screen), in English and Tamil, pristine, with errors,
// and while saving (the stand-in holds the save back). Builds nothing: it serves a built
// bundle with the stand-in, as the end-to-end tests do.
//
//   source scripts/setup.sh && trunk build --release --dist target/e2e-dist
//   cargo build -p testpress-stand-in
//   E2E_DIST=$PWD/target/e2e-dist node scripts/screenshots.mjs
//
// The images are drawn at 3× and saved at 1× (CSS pixels), so they stay small.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startStandIn, launchBrowser, openPage, signIn, chooseLanguage, catalogue, phone, PHONES, DEMO } from '../tests/e2e/harness.mjs';

const out = resolve(import.meta.dirname, '..', 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const ENGLISH = { FirstName: 'First name', Phone: 'Phone', SaveChanges: 'Save changes', Saving: 'Saving…', EditProfile: 'Edit profile', City: 'City' };

const api = await startStandIn();
const browser = await launchBrowser();
try {
  for (const lang of ['en', 'ta']) {
    const words = lang === 'en' ? ENGLISH : catalogue(lang);
    for (const size of PHONES) {
      const context = await browser.newContext(phone(size));
      const { page } = await openPage(context);
      await page.goto(`${api.url}/login?next=%2Fme%2Fedit`);
      await signIn(page, DEMO);
      await page.waitForURL('**/me/edit');
      if (lang !== 'en') await chooseLanguage(page, lang);
      await page.getByRole('heading', { level: 1, name: words.EditProfile }).waitFor();
      await page.getByLabel(words.FirstName).waitFor();
      const shot = (state) => page.screenshot({ path: join(out, `edit-${size.width}-${lang}-${state}.png`), scale: 'css' });
      await shot('pristine');

      // A required field emptied and a phone number too short, then Save.
      const firstName = page.getByLabel(words.FirstName);
      const phoneField = page.getByLabel(words.Phone, { exact: true });
      const [name, number] = [await firstName.inputValue(), await phoneField.inputValue()];
      await firstName.fill('');
      await phoneField.fill('12345');
      await page.getByRole('button', { name: words.SaveChanges }).click();
      await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
      await shot('errors');

      // Put right, and saved while the stand-in holds the answer back.
      await firstName.fill(name);
      await phoneField.fill(number);
      await api.fault({ path: '/api/v2.2/users/17/', method: 'PUT', delay_ms: 5000, times: 1 });
      await page.getByLabel(words.City).fill(`Chennai ${size.width}`);
      await page.getByRole('button', { name: words.SaveChanges }).click();
      await page.getByRole('button', { name: words.Saving }).waitFor();
      await shot('saving');
      await api.clearFaults();
      await context.close();
    }
  }
} finally {
  await browser.close();
  await api.stop();
}
console.log(`screenshots written to ${out}`);
