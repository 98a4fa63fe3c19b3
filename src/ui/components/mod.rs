//! Pieces shared by several pages: message lines, file pickers, charts.

pub mod chart;
pub mod file_button;
pub mod notice;

pub use chart::Distribution;
pub use file_button::FileButton;
pub use notice::{message, Message};
