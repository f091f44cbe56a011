fn main() {
    leptos::mount::mount_to_body(testpress_profile::app::App);
}
