//! Keyboard shortcuts for the interview: which key does what, chosen by the user. The UI
//! reads key presses into [`Chord`]s; the checks that refuse a clash live here so the app and
//! its tests agree on them.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// What a shortcut (or the matching voice command) does on the interview screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterviewAction {
    /// Start recording the answer, or stop it when recording.
    Record,
    /// Say the question again.
    RepeatQuestion,
    /// Go to the next question.
    NextQuestion,
    /// Pause what is being said, or go on with it.
    Pause,
    /// Stop what is being said.
    Stop,
    /// Say the whole feedback.
    ReadFeedback,
    /// Say the score.
    MyScore,
}

impl InterviewAction {
    pub const ALL: [InterviewAction; 7] = [
        InterviewAction::Record,
        InterviewAction::RepeatQuestion,
        InterviewAction::NextQuestion,
        InterviewAction::Pause,
        InterviewAction::Stop,
        InterviewAction::ReadFeedback,
        InterviewAction::MyScore,
    ];

    /// The name in settings, locale keys (`ui.action.<name>`) and element ids.
    pub fn as_str(self) -> &'static str {
        match self {
            InterviewAction::Record => "record",
            InterviewAction::RepeatQuestion => "repeat_question",
            InterviewAction::NextQuestion => "next_question",
            InterviewAction::Pause => "pause",
            InterviewAction::Stop => "stop",
            InterviewAction::ReadFeedback => "read_feedback",
            InterviewAction::MyScore => "my_score",
        }
    }

    fn default_key(self) -> char {
        match self {
            InterviewAction::Record => 'R',
            InterviewAction::RepeatQuestion => 'Q',
            InterviewAction::NextQuestion => 'N',
            InterviewAction::Pause => 'P',
            InterviewAction::Stop => 'S',
            InterviewAction::ReadFeedback => 'F',
            InterviewAction::MyScore => 'M',
        }
    }
}

/// A key with its modifiers, written as people read it: `Alt+R`, `Ctrl+Shift+F5`, `R`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Chord {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
    pub meta: bool,
    /// An upper-case letter, a digit, or a named key (`F5`, `Home`).
    pub key: String,
}

impl Chord {
    /// A chord from a key event's `key` and modifiers; `None` for a lone modifier or a key
    /// that is not offered (Tab, Enter, Escape, Space and arrows move and activate things,
    /// and a screen reader needs them).
    pub fn from_event(key: &str, ctrl: bool, alt: bool, shift: bool, meta: bool) -> Option<Self> {
        let key = normalise_key(key)?;
        Some(Chord {
            ctrl,
            alt,
            shift,
            meta,
            key,
        })
    }

    fn with_alt(key: char) -> Self {
        Chord {
            ctrl: false,
            alt: true,
            shift: false,
            meta: false,
            key: key.to_string(),
        }
    }

    /// Whether it is a key without Ctrl, Alt or Meta (Shift alone still types a character),
    /// which would fire while the user types or a screen reader navigates.
    pub fn is_single_key(&self) -> bool {
        !(self.ctrl || self.alt || self.meta)
    }
}

/// The key as a chord names it, or `None` if it cannot be a shortcut.
fn normalise_key(key: &str) -> Option<String> {
    const REFUSED: [&str; 14] = [
        "Tab",
        "Enter",
        "Escape",
        " ",
        "Space",
        "ArrowUp",
        "ArrowDown",
        "ArrowLeft",
        "ArrowRight",
        "Control",
        "Alt",
        "Shift",
        "Meta",
        "AltGraph",
    ];
    if key.is_empty() || REFUSED.contains(&key) || key == "Dead" || key == "Unidentified" {
        return None;
    }
    let mut characters = key.chars();
    match (characters.next(), characters.next()) {
        (Some(character), None) if character.is_alphanumeric() => {
            Some(character.to_uppercase().collect())
        }
        (Some(character), None) if !character.is_whitespace() => Some(character.to_string()),
        _ if key.chars().all(|c| c.is_ascii_alphanumeric()) => Some(key.to_owned()),
        _ => None,
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (held, name) in [
            (self.ctrl, "Ctrl+"),
            (self.alt, "Alt+"),
            (self.shift, "Shift+"),
            (self.meta, "Meta+"),
        ] {
            if held {
                formatter.write_str(name)?;
            }
        }
        formatter.write_str(&self.key)
    }
}

impl std::str::FromStr for Chord {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts: Vec<&str> = text.split('+').map(str::trim).collect();
        // "Ctrl++" names the plus key.
        if text.ends_with("++") {
            parts.pop();
            parts.pop();
            parts.push("+");
        }
        let key = parts.pop().unwrap_or_default();
        let mut chord = Chord::from_event(key, false, false, false, false)
            .ok_or_else(|| format!("{text:?} has no key that can be a shortcut"))?;
        for modifier in parts {
            match modifier.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => chord.ctrl = true,
                "alt" | "option" => chord.alt = true,
                "shift" => chord.shift = true,
                "meta" | "cmd" | "super" | "win" => chord.meta = true,
                other => return Err(format!("unknown modifier {other:?} in {text:?}")),
            }
        }
        Ok(chord)
    }
}

impl TryFrom<String> for Chord {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Chord> for String {
    fn from(chord: Chord) -> String {
        chord.to_string()
    }
}

/// Why a shortcut was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShortcutRefusal {
    /// Another action has that chord already.
    TakenBy(InterviewAction),
    /// A single key, while single-key shortcuts are off.
    SingleKeyOff,
    /// The app or the system uses it (Ctrl+C, Alt+F4…).
    Reserved,
}

/// Chords the webview or the desktop already use; taking one would break copying, closing
/// the window or a screen reader's command.
const RESERVED: [&str; 13] = [
    "Ctrl+C", "Ctrl+V", "Ctrl+X", "Ctrl+A", "Ctrl+Z", "Ctrl+Y", "Ctrl+F", "Ctrl+P", "Ctrl+W",
    "Ctrl+Q", "Ctrl+R", "Alt+F4", "F5",
];

/// Every action's chord. Each action has one, and no two share one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    from = "BTreeMap<InterviewAction, Chord>",
    into = "BTreeMap<InterviewAction, Chord>"
)]
pub struct Shortcuts {
    chords: BTreeMap<InterviewAction, Chord>,
}

impl Default for Shortcuts {
    /// Alt with a letter: never fired by typing, and free in the webview and in screen readers
    /// (NVDA and Orca use Insert or Caps Lock; JAWS, Insert).
    fn default() -> Self {
        Self {
            chords: InterviewAction::ALL
                .into_iter()
                .map(|action| (action, Chord::with_alt(action.default_key())))
                .collect(),
        }
    }
}

impl From<BTreeMap<InterviewAction, Chord>> for Shortcuts {
    /// A saved set, mended: a missing action gets its default unless that clashes (then it
    /// has none until the user sets one), and of two actions sharing a chord the second
    /// loses it.
    fn from(saved: BTreeMap<InterviewAction, Chord>) -> Self {
        let mut shortcuts = Shortcuts {
            chords: BTreeMap::new(),
        };
        let defaults = Shortcuts::default();
        for action in InterviewAction::ALL {
            let wanted = saved.get(&action).or_else(|| defaults.chord(action));
            if let Some(chord) = wanted
                && shortcuts.action_for(chord).is_none()
            {
                shortcuts.chords.insert(action, chord.clone());
            }
        }
        shortcuts
    }
}

impl From<Shortcuts> for BTreeMap<InterviewAction, Chord> {
    fn from(shortcuts: Shortcuts) -> Self {
        shortcuts.chords
    }
}

impl Shortcuts {
    pub fn chord(&self, action: InterviewAction) -> Option<&Chord> {
        self.chords.get(&action)
    }

    /// The action a chord does, if any.
    pub fn action_for(&self, chord: &Chord) -> Option<InterviewAction> {
        self.chords
            .iter()
            .find(|(_, taken)| *taken == chord)
            .map(|(action, _)| *action)
    }

    /// Gives `action` the chord `chord`, or says why not (and changes nothing).
    pub fn assign(
        &mut self,
        action: InterviewAction,
        chord: Chord,
        single_keys_allowed: bool,
    ) -> Result<(), ShortcutRefusal> {
        if chord.is_single_key() && !single_keys_allowed {
            return Err(ShortcutRefusal::SingleKeyOff);
        }
        if RESERVED.contains(&chord.to_string().as_str()) {
            return Err(ShortcutRefusal::Reserved);
        }
        match self.action_for(&chord) {
            Some(other) if other != action => Err(ShortcutRefusal::TakenBy(other)),
            _ => {
                self.chords.insert(action, chord);
                Ok(())
            }
        }
    }

    /// Removes single-key chords (when the user turns single keys off), returning to the
    /// default where that is free.
    pub fn without_single_keys(&self) -> Shortcuts {
        let kept: BTreeMap<InterviewAction, Chord> = self
            .chords
            .iter()
            .filter(|(_, chord)| !chord.is_single_key())
            .map(|(action, chord)| (*action, chord.clone()))
            .collect();
        Shortcuts::from(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chord(text: &str) -> Chord {
        text.parse().unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn chords_read_and_write_the_way_people_write_them() {
        assert_eq!(chord("alt+r").to_string(), "Alt+R");
        assert_eq!(chord("Shift+Ctrl+F5").to_string(), "Ctrl+Shift+F5");
        assert_eq!(chord("Ctrl++").key, "+");
        assert!(chord("R").is_single_key());
        assert!("Alt+Tab".parse::<Chord>().is_err());
        assert!("Hyper+R".parse::<Chord>().is_err());
        assert_eq!(Chord::from_event("Shift", false, false, true, false), None);
    }

    #[test]
    fn the_defaults_are_distinct_and_never_single_keys() {
        let shortcuts = Shortcuts::default();
        let chords: std::collections::HashSet<_> = InterviewAction::ALL
            .iter()
            .filter_map(|action| shortcuts.chord(*action))
            .collect();
        assert_eq!(chords.len(), InterviewAction::ALL.len());
        assert!(chords.iter().all(|chord| !chord.is_single_key()));
    }

    #[test]
    fn a_clash_is_refused_and_changes_nothing() {
        let mut shortcuts = Shortcuts::default();
        let before = shortcuts.clone();
        assert_eq!(
            shortcuts.assign(InterviewAction::NextQuestion, chord("Alt+R"), false),
            Err(ShortcutRefusal::TakenBy(InterviewAction::Record))
        );
        assert_eq!(
            shortcuts.assign(InterviewAction::NextQuestion, chord("N"), false),
            Err(ShortcutRefusal::SingleKeyOff)
        );
        assert_eq!(
            shortcuts.assign(InterviewAction::NextQuestion, chord("Ctrl+C"), false),
            Err(ShortcutRefusal::Reserved)
        );
        assert_eq!(shortcuts, before);
        assert_eq!(
            shortcuts.assign(InterviewAction::NextQuestion, chord("N"), true),
            Ok(())
        );
        // Giving an action the chord it has is no clash.
        assert_eq!(
            shortcuts.assign(InterviewAction::Record, chord("Alt+R"), false),
            Ok(())
        );
        assert_eq!(
            shortcuts
                .without_single_keys()
                .chord(InterviewAction::NextQuestion),
            Some(&chord("Alt+N"))
        );
    }

    #[test]
    fn a_saved_set_with_a_clash_is_mended() -> Result<(), serde_json::Error> {
        let shortcuts: Shortcuts =
            serde_json::from_str(r#"{"record":"Alt+N","next_question":"Alt+N"}"#)?;
        assert_eq!(
            shortcuts.chord(InterviewAction::Record),
            Some(&chord("Alt+N"))
        );
        assert_eq!(shortcuts.chord(InterviewAction::NextQuestion), None);
        assert_eq!(
            shortcuts.chord(InterviewAction::MyScore),
            Some(&chord("Alt+M"))
        );
        Ok(())
    }
}
