//! libFuzzer target: any bytes as a campaign pack. Loading must never panic, and a refused pack
//! must say why.
#![no_main]

use composure_core::content::{load_customers, SHIPPED_CUSTOMERS};
use composure_core::lint::load_pack;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

fuzz_target!(|data: &[u8]| {
    static CUSTOMERS: OnceLock<Arc<composure_core::content::Customers>> = OnceLock::new();
    let customers = CUSTOMERS.get_or_init(|| {
        let (file, src) = SHIPPED_CUSTOMERS;
        Arc::new(load_customers(file, src).value.expect("shipped customers"))
    });
    let text = String::from_utf8_lossy(data);
    let loaded = load_pack("fuzz.toml", &text, customers);
    if loaded.value.is_none() {
        assert!(loaded.errors().count() > 0);
    }
});
