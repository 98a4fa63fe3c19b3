//! "Download SCORM package" for a persona set: the package is made in the browser
//! (`ui::browser::scorm::build_package`) and offered as a download; a set the package cannot
//! hold, or a file that cannot be fetched, is said in words.

use super::sets::slug;
use crate::exchange::SetFile;
use crate::ui::browser::download_bytes;
use crate::ui::browser::scorm::build_package;
use crate::ui::components::Message;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Makes the SCORM 1.2 package of `file` and downloads it as `NAME.scorm12.zip`.
pub(super) fn download_package(file: &SetFile, msg: RwSignal<Option<Message>>) {
    let file = file.clone();
    let name = file.set.name.clone();
    msg.set(Some(Message::Done(format!(
        "Making the SCORM package of \u{201c}{name}\u{201d}\u{2026}"
    ))));
    spawn_local(async move {
        match build_package(&file).await {
            Ok(zip) => {
                let kb = zip.len().div_ceil(1000);
                download_bytes(
                    &format!("{}.scorm12.zip", slug(&name)),
                    "application/zip",
                    &zip,
                );
                msg.set(Some(Message::Done(format!(
                    "SCORM package of \u{201c}{name}\u{201d} downloaded ({kb} KB). Import it in your learning platform as a SCORM 1.2 course."
                ))));
            }
            Err(e) => msg.set(Some(Message::Problem(format!(
                "The SCORM package of \u{201c}{name}\u{201d} could not be made: {e}."
            )))),
        }
    });
}
