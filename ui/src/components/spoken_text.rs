//! Text the voice may be reading, with the word being heard highlighted — visually only:
//! the words stay one text node run for screen readers, which read it unchanged, and no
//! live region repeats what the voice already says.

use aira_protocol::phrase_id;
use leptos::prelude::*;

use crate::state::AppState;

#[component]
pub fn SpokenText(state: AppState, text: String) -> impl IntoView {
    let phrase = phrase_id(&text);
    let characters: Vec<char> = text.chars().collect();
    move || {
        let word = state
            .spoken_word
            .get()
            .filter(|word| word.phrase == phrase)
            .map(|word| (word.start as usize, word.end as usize))
            .filter(|(start, end)| start < end && *end <= characters.len());
        match word {
            Some((start, end)) => {
                let before: String = characters[..start].iter().collect();
                let spoken: String = characters[start..end].iter().collect();
                let after: String = characters[end..].iter().collect();
                view! {
                    {before}
                    <mark class="spoken-word">{spoken}</mark>
                    {after}
                }
                .into_any()
            }
            None => characters.iter().collect::<String>().into_any(),
        }
    }
}
