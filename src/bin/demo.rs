//! The demo app for Trunk: mounts [`DemoApp`](sosmeta_editor::view::demo::DemoApp).
fn main() {
    yew::Renderer::<sosmeta_editor::view::demo::DemoApp>::new().render();
}
