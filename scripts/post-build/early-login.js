// The prerendered sign-in page (login.html) before the app runs: a press of Sign in (a tap,
// or Enter in a field) is remembered, never sent: the form is marked, the button says
// "Signing in…" at once, and the app submits its own form once it has taken over
// (src/prerender.rs). "Show" shows the password meanwhile, and the app keeps it shown.
// Until this runs the buttons are type=button and do nothing. The build fills in WORDS:
// { lang: { SigningIn, Show, Hide, ShowPassword, HidePassword } } from the catalogues.
(() => {
  const WORDS = __WORDS__;
  const words = WORDS[document.documentElement.lang] ?? WORDS.en;
  for (const form of document.querySelectorAll('#prerendered form')) {
    const submit = form.querySelector('[data-submit]');
    let pressed = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      form.dataset.submitted = '';
      if (pressed || !submit) return;
      pressed = true;
      submit.textContent = words.SigningIn;
      submit.setAttribute('aria-disabled', 'true');
    });
    submit?.setAttribute('type', 'submit');
    const reveal = form.querySelector('button[aria-controls]');
    const field = reveal && document.getElementById(reveal.getAttribute('aria-controls'));
    if (!field) continue;
    // Keeps focus (and the caret) in the field when pressed with a pointer, as the app does.
    reveal.addEventListener('mousedown', (event) => event.preventDefault());
    reveal.addEventListener('click', () => {
      const shown = field.type === 'password';
      field.type = shown ? 'text' : 'password';
      reveal.textContent = shown ? words.Hide : words.Show;
      reveal.setAttribute('aria-label', shown ? words.HidePassword : words.ShowPassword);
    });
  }
})();
