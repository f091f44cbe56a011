fn main() {
    // Readable panics while developing; release builds abort and carry none of this.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    testpress_profile::perf::mark("wasm-started");
    // The API's location (config.json) and the student's language are known before anything
    // mounts, so the first screen is already the right one. Plain wasm-bindgen-futures here:
    // Leptos's executor starts only when mounting.
    wasm_bindgen_futures::spawn_local(async {
        let (config, ()) = futures::join!(testpress_profile::config::load(), testpress_profile::i18n::start());
        if let Some(color) = config.institute.color {
            testpress_profile::brand::apply(color);
        }
        testpress_profile::config::install(config);
        let typed = testpress_profile::prerender::typed();
        leptos::mount::mount_to_body(testpress_profile::app::App);
        testpress_profile::prerender::hand_over(typed);
    });
}
