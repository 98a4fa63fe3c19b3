//! Speech: a customer's line read aloud with the persona's voice, where the browser can.

/// Speaks a customer's line with the persona's voice; silently does nothing where the browser
/// has no speech synthesis. Makes no network calls of its own.
pub fn speak(text: &str, pitch_percent: u32, rate_percent: u32) {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
            return;
        };
        if let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
            u.set_pitch(pitch_percent as f32 / 100.0);
            u.set_rate(rate_percent as f32 / 100.0);
            synth.speak(&u);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (text, pitch_percent, rate_percent);
}

/// Stops any speech in progress.
pub fn hush() {
    #[cfg(target_arch = "wasm32")]
    if let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) {
        synth.cancel();
    }
}
