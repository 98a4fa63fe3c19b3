//! Entry point of the web app: mounts the Leptos shell. Built for wasm32 by Trunk.

fn main() {
    #[cfg(target_arch = "wasm32")]
    composure::ui::start();
}
