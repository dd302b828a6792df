//! One component per screen; `state::Screen` picks which one shows.

mod history;
mod home;
mod models;
mod practice;
mod progress;
mod resume;
mod settings;
mod setup;

pub use history::HistoryPage;
pub use home::HomePage;
pub use models::ModelsPage;
pub use practice::PracticePage;
pub use progress::ProgressPage;
pub use resume::ResumePage;
pub use settings::SettingsPage;
pub use setup::SetupPage;
