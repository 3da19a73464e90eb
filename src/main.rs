//! Glue only: the panic hook. The custom element (`web/partnership-map.js`) mounts widgets
//! through `partnership_map::embed::mount_widget`.

fn main() {
    partnership_map::start();
}
