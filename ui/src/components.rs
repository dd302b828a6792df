//! Pieces shared by every screen.

pub mod confirm_dialog;
pub mod language_chooser;
pub mod messages;
pub mod page_heading;
pub mod site_header;
pub mod spoken_text;

pub use confirm_dialog::ConfirmDialog;
pub use language_chooser::LanguageChooser;
pub use messages::Messages;
pub use page_heading::PageHeading;
pub use site_header::SiteHeader;
pub use spoken_text::SpokenText;
