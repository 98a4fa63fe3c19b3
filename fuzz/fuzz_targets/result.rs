//! libFuzzer target: any bytes as a result file, a set file, a set link and a call record.
//! Parsing and verifying must never panic.
#![no_main]

use composure_core::content::Library;
use composure_core::exchange::{verify_result, ResultFile, SetFile};
use composure_core::sim::{replay, CallRecord};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static LIB: OnceLock<Library> = OnceLock::new();
    let lib = LIB.get_or_init(|| Library::shipped().expect("shipped content"));
    let text = String::from_utf8_lossy(data);
    if let Ok(file) = ResultFile::from_json(&text) {
        let _ = verify_result(lib, file);
    }
    let _ = SetFile::from_json(&text);
    let _ = SetFile::from_link(&text);
    if let Ok(record) = CallRecord::from_json(&text) {
        let _ = replay(lib, &record);
    }
});
