//! Glue only: panic hook, then mount the widget into every `.pm-root` element on the page.

fn main() {
    console_error_panic_hook::set_once();
    partnership_map::mount_all();
}
