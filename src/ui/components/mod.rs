//! Pieces shared by several pages: the call screen, the call review, message lines, file
//! pickers, charts.

pub mod call;
pub mod chart;
pub mod file_button;
pub mod notice;
pub mod review;

pub use call::{CallScreen, Live, Screen};
pub use chart::{ChartPoint, Distribution, ScoreChart};
pub use file_button::FileButton;
pub use notice::{message, Message};
pub use review::CallReview;
