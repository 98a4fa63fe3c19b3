//! Entry point of the first-call app (`ui::first`): Home and Practice in a wasm of their own,
//! which the page's loader starts on a first visit to `/` or `/practice`. Built for wasm32 by
//! `scripts/build-first` (a Trunk hook).

fn main() {
    #[cfg(target_arch = "wasm32")]
    composure::ui::start_first();
}
