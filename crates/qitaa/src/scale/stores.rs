//! Suppliers, their companies and their stores, as COPY rows.

use std::fmt::Write as _;

use rand::RngExt;
use rand::rngs::StdRng;
use time::OffsetDateTime;
use uuid::Uuid;

use super::copy::{text, timestamp};
use super::random::{id_at, weighted};
use super::reference::StoreRef;
use super::supplier_phone;
use super::vocab::{CITIES, FIRST_NAMES, STORE_NAMES, STORE_PREFIXES};

pub(super) struct StoreBatch {
    pub(super) users: String,
    pub(super) companies: String,
    pub(super) stores: String,
    pub(super) refs: Vec<StoreRef>,
}

pub(super) fn stores(
    rng: &mut StdRng,
    count: u64,
    store_type: Uuid,
    now: OffsetDateTime,
) -> StoreBatch {
    let mut b = StoreBatch {
        users: String::new(),
        companies: String::new(),
        stores: String::new(),
        refs: Vec::with_capacity(count as usize),
    };
    let days = |d: i64| time::Duration::days(d);
    for i in 0..count {
        let created =
            now - days(400) + time::Duration::seconds((i as i64 * 30 * 86_400) / count as i64);
        let user = id_at(rng, created);
        let company = id_at(rng, created);
        let store = id_at(rng, created);
        let city = weighted(rng, CITIES, |c| c.weight);
        let district = city.districts[rng.random_range(0..city.districts.len())];
        let (prefix_ar, prefix_en) = STORE_PREFIXES[rng.random_range(0..STORE_PREFIXES.len())];
        let (name_ar, name_en) = STORE_NAMES[rng.random_range(0..STORE_NAMES.len())];
        let owner = format!(
            "{} {}",
            FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())],
            name_ar
        );
        let phone = supplier_phone(i);
        let reviewed = created + days(1);

        // users: id, phone, role, status, name, locale, created_at, updated_at
        let u = &mut b.users;
        write!(u, "{user}\t{phone}\tSUPPLIER\tactive\t").unwrap();
        text(u, &owner);
        u.push_str("\tar\t");
        timestamp(u, created);
        u.push('\t');
        timestamp(u, created);
        u.push('\n');

        // companies: id, owner_id, legal_name_ar, legal_name_en, cr_number,
        // vat_number, city, address, status, reviewed_at, created_at,
        // updated_at, created_by, updated_by
        let c = &mut b.companies;
        write!(c, "{company}\t{user}\t").unwrap();
        text(c, &format!("{prefix_ar} {name_ar} التجارية {}", i + 1));
        c.push('\t');
        text(c, &format!("{name_en} Trading {prefix_en} {}", i + 1));
        write!(c, "\t70{i:08}\t370{i:011}3\t").unwrap();
        text(c, city.ar);
        c.push('\t');
        text(c, &format!("حي {district}، {}", city.ar));
        c.push_str("\tapproved\t");
        timestamp(c, reviewed);
        c.push('\t');
        timestamp(c, created);
        c.push('\t');
        timestamp(c, reviewed);
        writeln!(c, "\t{user}\t{user}").unwrap();

        // stores: id, company_id, store_type_id, name_ar, name_en, phone, city,
        // address, lat, lng, working_hours, status, commission_bp, rating_sum,
        // rating_count, created_at, updated_at, created_by, updated_by
        // Jitter: about ±15 km around the centre, denser near it.
        let lat = city.lat + (rng.random::<f64>() - rng.random::<f64>()) * 0.14;
        let lng = city.lng + (rng.random::<f64>() - rng.random::<f64>()) * 0.15;
        let hours = match rng.random_range(0..3) {
            0 => {
                r#"{"sat": [["08:00", "23:00"]], "sun": [["08:00", "23:00"]], "mon": [["08:00", "23:00"]], "tue": [["08:00", "23:00"]], "wed": [["08:00", "23:00"]], "thu": [["08:00", "23:00"]], "fri": [["16:00", "23:00"]]}"#
            }
            1 => {
                r#"{"sat": [["08:00", "12:30"], ["16:30", "22:00"]], "sun": [["08:00", "12:30"], ["16:30", "22:00"]], "mon": [["08:00", "12:30"], ["16:30", "22:00"]], "tue": [["08:00", "12:30"], ["16:30", "22:00"]], "wed": [["08:00", "12:30"], ["16:30", "22:00"]], "thu": [["08:00", "12:30"]]}"#
            }
            _ => {
                r#"{"sat": [["09:00", "24:00"]], "sun": [["09:00", "24:00"]], "mon": [["09:00", "24:00"]], "tue": [["09:00", "24:00"]], "wed": [["09:00", "24:00"]], "thu": [["09:00", "24:00"]], "fri": [["13:30", "24:00"]]}"#
            }
        };
        let (rating_sum, rating_count) = if rng.random_bool(0.6) {
            let n = rng.random_range(1..200);
            (n * rng.random_range(30..50) / 10, n)
        } else {
            (0, 0)
        };
        let s = &mut b.stores;
        write!(s, "{store}\t{company}\t{store_type}\t").unwrap();
        text(
            s,
            &format!("{prefix_ar} {name_ar} لقطع الغيار - {district}"),
        );
        s.push('\t');
        text(
            s,
            &format!("{name_en} Auto Parts {prefix_en} - {}", city.en),
        );
        write!(s, "\t{phone}\t").unwrap();
        text(s, city.ar);
        s.push('\t');
        text(s, &format!("حي {district}، {}", city.ar));
        write!(
            s,
            "\t{lat:.6}\t{lng:.6}\t{hours}\tactive\t1000\t{rating_sum}\t{rating_count}\t"
        )
        .unwrap();
        timestamp(s, created);
        s.push('\t');
        timestamp(s, reviewed);
        writeln!(s, "\t{user}\t{user}").unwrap();

        b.refs.push(StoreRef {
            id: store,
            owner: user,
        });
    }
    b
}
