/// Replaces each `{name}` in one pass over the template, so a value that itself contains
/// braces (a quoted answer, a path) is never filled in again. Unknown names and stray
/// braces stay as they are.
pub fn fill<V: AsRef<str>>(template: &str, values: &[(&str, V)]) -> String {
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(candidate, _)| *candidate == name)
                .map(|(_, value)| (value.as_ref(), close))
        });
        match value {
            Some((value, close)) => {
                text.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_every_named_placeholder() {
        assert_eq!(
            fill("{a} and {b}, {a} again", &[("a", "one"), ("b", "two")]),
            "one and two, one again"
        );
    }

    #[test]
    fn leaves_unknown_placeholders_and_stray_braces_alone() {
        assert_eq!(fill("{unknown} {", &[("a", "one")]), "{unknown} {");
        assert_eq!(fill::<&str>("no placeholders", &[]), "no placeholders");
    }

    #[test]
    fn values_are_filled_once_even_when_they_hold_braces() {
        assert_eq!(
            fill(
                "You said “{quote}” {count} times.",
                &[
                    ("quote", "{count} of {x}".to_owned()),
                    ("count", "3".to_owned())
                ]
            ),
            "You said “{count} of {x}” 3 times."
        );
    }
}
