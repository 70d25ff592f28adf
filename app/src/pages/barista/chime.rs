//! A short chime for new orders. Browsers let a page make sound only after a tap, which
//! is why sound starts off and the barista turns it on.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

#[derive(Clone, Copy)]
pub struct Chime {
    audio: StoredValue<Option<SendWrapper<web_sys::AudioContext>>>,
}

impl Chime {
    pub fn new() -> Self {
        Self {
            audio: StoredValue::new(None),
        }
    }

    /// Two soft notes; the audio context is made on first use (a tap).
    pub fn play(self) {
        if self.audio.with_value(Option::is_none) {
            let Ok(audio) = web_sys::AudioContext::new() else {
                return;
            };
            self.audio.set_value(Some(SendWrapper::new(audio)));
        }
        self.audio.with_value(|audio| {
            if let Some(audio) = audio {
                let start = audio.current_time();
                note(audio, 880.0, start);
                note(audio, 1320.0, start + 0.18);
            }
        });
    }
}

fn note(audio: &web_sys::AudioContext, frequency: f32, at: f64) {
    let (Ok(oscillator), Ok(gain)) = (audio.create_oscillator(), audio.create_gain()) else {
        return;
    };
    oscillator.frequency().set_value(frequency);
    let _ = gain.gain().set_value_at_time(0.25, at);
    let _ = gain
        .gain()
        .exponential_ramp_to_value_at_time(0.001, at + 0.5);
    let _ = oscillator.connect_with_audio_node(&gain);
    let _ = gain.connect_with_audio_node(&audio.destination());
    let _ = oscillator.start_with_when(at);
    let _ = oscillator.stop_with_when(at + 0.5);
}
