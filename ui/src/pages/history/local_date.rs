use wasm_bindgen::JsValue;

use crate::i18n::t;

/// A stored UTC timestamp in the user's own time zone, or as stored when unparseable.
pub fn local_date(timestamp: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(timestamp));
    if date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    let options = js_sys::Object::new();
    let styled = [("dateStyle", "medium"), ("timeStyle", "short")]
        .iter()
        .all(|(name, value)| {
            js_sys::Reflect::set(
                &options,
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            )
            .is_ok()
        });
    let options = if styled {
        options.into()
    } else {
        JsValue::UNDEFINED
    };
    String::from(date.to_locale_string(&t("ui.locale"), &options))
}

/// The start of a local calendar day ("2026-11-03" from a date field), `days` later, as
/// UTC RFC 3339: the form the store compares session starts with.
pub fn local_day_start(day: &str, days_later: u32) -> Option<String> {
    let mut parts = day.split('-').map(|part| part.parse::<u32>().ok());
    let (year, month, date) = (parts.next()??, parts.next()??, parts.next()??);
    let local =
        js_sys::Date::new_with_year_month_day(year, month as i32 - 1, (date + days_later) as i32);
    if local.get_time().is_nan() {
        return None;
    }
    Some(String::from(local.to_iso_string()))
}
