fn main() {
    // Readable panics while developing; release builds abort and carry none of this.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    testpress_profile::perf::mark("wasm-started");
    // The API's location (config.json) is known before anything mounts or asks for data.
    // Plain wasm-bindgen-futures here: Leptos's executor starts only when mounting.
    wasm_bindgen_futures::spawn_local(async {
        testpress_profile::config::install(testpress_profile::config::load().await);
        leptos::mount::mount_to_body(testpress_profile::app::App);
    });
}
