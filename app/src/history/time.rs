//! Moments shown in the viewer's own time. The server cannot know the
//! viewer's time zone, so it writes UTC, labelled so, inside a `<time>`
//! with the exact moment; once the page runs in the browser the text
//! becomes the browser's local time with its zone. Without JavaScript the
//! labelled UTC stays, which is still true.

use crate::components::format_time;
use leptos::prelude::*;

/// `2026-11-26T10:14:00Z`, for `<time datetime>`.
pub fn iso(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let t = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        crate::components::format_date(ms),
        t / 3600,
        (t / 60) % 60,
        t % 60
    )
}

/// A moment: UTC from the server, local time and zone in the browser.
#[component]
pub fn When(ms: i64) -> impl IntoView {
    let text = RwSignal::new(format_time(ms));
    #[cfg(feature = "hydrate")]
    {
        let locale = super::texts::use_history_texts().locale;
        Effect::new(move |_| {
            if let Some(local) = local_time(ms, locale) {
                text.set(local);
            }
        });
    }
    view! { <time datetime=iso(ms)>{move || text.get()}</time> }
}

/// `26. nov. 2026, 11:14 CET` / `26 Nov 2026, 11:14 CET`, by the browser's
/// clock and zone.
#[cfg(feature = "hydrate")]
fn local_time(ms: i64, locale: &'static str) -> Option<String> {
    use js_sys::{Date, Intl};
    use wasm_bindgen::JsValue;
    // One formatter for the page: making one took 64 ms of the history
    // page's first task at 4x CPU, one per moment shown (README, "Delivery",
    // twelfth step).
    thread_local! {
        static FORMAT: std::cell::RefCell<Option<(&'static str, Intl::DateTimeFormat)>> =
            const { std::cell::RefCell::new(None) };
    }
    let format = FORMAT.with_borrow_mut(|cached| -> Option<Intl::DateTimeFormat> {
        if let Some((_, f)) = cached.as_ref().filter(|(l, _)| *l == locale) {
            return Some(f.clone());
        }
        let f = date_time_format(locale)?;
        *cached = Some((locale, f.clone()));
        Some(f)
    })?;
    let date = Date::new(&JsValue::from_f64(ms as f64));
    format.format().call1(&format, &date).ok()?.as_string()
}

#[cfg(feature = "hydrate")]
fn date_time_format(locale: &str) -> Option<js_sys::Intl::DateTimeFormat> {
    use js_sys::{Array, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;
    let options = Object::new();
    for (k, v) in [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("timeZoneName", "short"),
    ] {
        Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
    }
    let locales = Array::of1(&JsValue::from_str(locale));
    Some(Intl::DateTimeFormat::new(&locales, &options))
}

#[cfg(test)]
mod tests {
    #[test]
    fn moments_are_written_for_machines_in_utc() {
        assert_eq!(
            super::iso(1_795_564_800_000 + 9 * 3_600_000 + 31 * 60_000 + 7_000),
            "2026-11-25T09:31:07Z"
        );
    }
}
