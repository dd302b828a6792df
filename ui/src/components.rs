//! Pieces shared by every screen.

pub mod messages;
pub mod page_heading;
pub mod site_header;

pub use messages::Messages;
pub use page_heading::PageHeading;
pub use site_header::SiteHeader;
