//! Native `<dialog>` elements: open as a modal (the rest of the page inert, Escape closes it)
//! and close (the browser then gives the focus back to where it was).

/// Opens a `<dialog>` as a modal, unless it is already open.
pub fn show_modal(d: &web_sys::HtmlDialogElement) {
    if !d.open() {
        let _ = d.show_modal();
    }
}

/// Closes a `<dialog>`: its `close` event fires.
pub fn close_dialog(d: &web_sys::HtmlDialogElement) {
    d.close();
}

/// Opens or closes a `<dialog>` to match `open`.
pub fn set_modal(d: &web_sys::HtmlDialogElement, open: bool) {
    if open {
        show_modal(d);
    } else if d.open() {
        close_dialog(d);
    }
}
