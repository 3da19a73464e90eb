//! Writes the network picture of a map file as SVG, for checking layouts by eye:
//! `cargo run -p pmap-cli --example scene_svg -- demo/hampshire.json > /tmp/scene.svg`
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "demo/hampshire.json".to_string());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    match pmap_core::load(&text) {
        Ok(l) => print!(
            "{}",
            pmap_core::scene::to_svg(
                &pmap_core::scene::Scene::build(&l.model),
                &l.model.file().meta.title
            )
        ),
        Err(d) => eprintln!("{} errors", d.len()),
    }
}
