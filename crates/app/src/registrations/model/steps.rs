//! The bodies of the form's steps and their rules. Each step names every
//! failing field at once; submission checks that every step is complete.

use serde::{Deserialize, Serialize};

use kernel::i18n::Message;
use kernel::phone::Phone;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{Kind, VehicleType};
use crate::stores::model::{ascii_digits, cr_number, vat_number};

pub const MAX_NAME: usize = 120;
pub const MAX_EMAIL: usize = 254;
pub const MAX_COMPANY_NAME: usize = 200;
pub const MAX_CITY: usize = 100;
pub const MAX_ADDRESS: usize = 500;
pub const MAX_PLATE: usize = 20;
pub const MAX_REASON: usize = 500;
pub const NATIONAL_ID_DIGITS: usize = 10;

/// Step 1, which creates the draft: who applies and how to reach them.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewRegistration {
    pub kind: Kind,
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 120, pattern = "\\S")]
    pub full_name: String,
    /// Mobile number in a local or international form, e.g. `0501234567`.
    #[serde(default)]
    #[schema(
        required = true,
        pattern = "^(\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$"
    )]
    pub phone: String,
    #[serde(default)]
    #[schema(required = true, max_length = 254)]
    pub email: String,
    /// Leave it out or empty. People never see this field; bots fill it in,
    /// and a filled one is refused.
    #[schema(max_length = 0)]
    pub website: Option<String>,
}

impl Validate for NewRegistration {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        account(&mut e, &self.full_name, &self.phone, &self.email);
        if self.website.as_deref().is_some_and(|w| !w.is_empty()) {
            e.add("website", Message::new("registrations-honeypot"));
        }
        e.into_result()
    }
}

/// Which step a `PATCH` saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = RegistrationStepName)]
pub enum Step {
    /// `kind`, `fullName`, `phone`, `email`.
    Account,
    /// A supplier's: `companyNameAr`, `companyNameEn`, `crNumber`,
    /// `vatNumber`, `city`, `address`.
    Business,
    /// A representative's: `vehicleType`, `plateNumber`, `nationalId`, `city`.
    Vehicle,
}

/// One step of the form. The step's fields are all required; fields of
/// another step are refused.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegistrationStep {
    pub step: Step,
    /// Changing it drops the documents the other kind needed.
    pub kind: Option<Kind>,
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub full_name: Option<String>,
    #[schema(pattern = "^(\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$")]
    pub phone: Option<String>,
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub company_name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub company_name_en: Option<String>,
    /// Commercial registration: 10 digits (Arabic-Indic digits, spaces and
    /// dashes are accepted).
    #[schema(pattern = "^[0-9]{10}$")]
    pub cr_number: Option<String>,
    /// VAT number: 15 digits starting and ending with 3.
    #[schema(pattern = "^3[0-9]{13}3$")]
    pub vat_number: Option<String>,
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub address: Option<String>,
    pub vehicle_type: Option<VehicleType>,
    /// The vehicle's plate, with at least one digit.
    #[schema(min_length = 1, max_length = 20, pattern = "[0-9٠-٩]")]
    pub plate_number: Option<String>,
    /// National ID or iqama: 10 digits starting with 1 or 2.
    #[schema(pattern = "^[12][0-9]{9}$")]
    pub national_id: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: Option<String>,
}

impl RegistrationStep {
    /// A body of `step` with no field given.
    pub fn of(step: Step) -> RegistrationStep {
        RegistrationStep {
            step,
            kind: None,
            full_name: None,
            phone: None,
            email: None,
            company_name_ar: None,
            company_name_en: None,
            cr_number: None,
            vat_number: None,
            address: None,
            vehicle_type: None,
            plate_number: None,
            national_id: None,
            city: None,
        }
    }

    fn given(&self) -> [(&'static str, bool, &'static [Step]); 13] {
        use Step::{Account as A, Business as B, Vehicle as V};
        [
            ("kind", self.kind.is_some(), &[A]),
            ("fullName", self.full_name.is_some(), &[A]),
            ("phone", self.phone.is_some(), &[A]),
            ("email", self.email.is_some(), &[A]),
            ("companyNameAr", self.company_name_ar.is_some(), &[B]),
            ("companyNameEn", self.company_name_en.is_some(), &[B]),
            ("crNumber", self.cr_number.is_some(), &[B]),
            ("vatNumber", self.vat_number.is_some(), &[B]),
            ("address", self.address.is_some(), &[B]),
            ("vehicleType", self.vehicle_type.is_some(), &[V]),
            ("plateNumber", self.plate_number.is_some(), &[V]),
            ("nationalId", self.national_id.is_some(), &[V]),
            ("city", self.city.is_some(), &[B, V]),
        ]
    }
}

fn s(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

impl Validate for RegistrationStep {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let step = self.step;
        for (field, given, steps) in self.given() {
            if given && !steps.contains(&step) {
                e.add(field, Message::new("registrations-not-this-step"));
            }
        }
        match step {
            Step::Account => account(&mut e, s(&self.full_name), s(&self.phone), s(&self.email)),
            Step::Business => business(
                &mut e,
                &Business {
                    company_name_ar: s(&self.company_name_ar),
                    company_name_en: s(&self.company_name_en),
                    cr_number: s(&self.cr_number),
                    vat_number: s(&self.vat_number),
                    city: s(&self.city),
                    address: s(&self.address),
                },
            ),
            Step::Vehicle => vehicle(
                &mut e,
                self.vehicle_type,
                s(&self.plate_number),
                s(&self.national_id),
                s(&self.city),
            ),
        }
        e.into_result()
    }
}

fn text(e: &mut FieldErrors, field: &str, value: &str, max: usize) -> bool {
    if e.required(field, value) {
        e.max_chars(field, value.trim(), max);
        true
    } else {
        false
    }
}

/// The account step's rules.
pub fn account(e: &mut FieldErrors, full_name: &str, phone: &str, email: &str) {
    text(e, "fullName", full_name, MAX_NAME);
    if e.required("phone", phone) && Phone::parse(phone).is_none() {
        e.add("phone", Message::new("validation-phone"));
    }
    if text(e, "email", email, MAX_EMAIL) {
        e.email("email", email.trim());
    }
}

/// A supplier's business, as typed.
pub struct Business<'a> {
    pub company_name_ar: &'a str,
    pub company_name_en: &'a str,
    pub cr_number: &'a str,
    pub vat_number: &'a str,
    pub city: &'a str,
    pub address: &'a str,
}

/// The business step's rules.
pub fn business(e: &mut FieldErrors, b: &Business<'_>) {
    text(e, "companyNameAr", b.company_name_ar, MAX_COMPANY_NAME);
    text(e, "companyNameEn", b.company_name_en, MAX_COMPANY_NAME);
    if e.required("crNumber", b.cr_number) && cr_number(b.cr_number).is_none() {
        e.add(
            "crNumber",
            Message::new("stores-validation-cr-number").arg("digits", 10i64),
        );
    }
    if e.required("vatNumber", b.vat_number) && vat_number(b.vat_number).is_none() {
        e.add(
            "vatNumber",
            Message::new("stores-validation-vat-number").arg("digits", 15i64),
        );
    }
    text(e, "city", b.city, MAX_CITY);
    text(e, "address", b.address, MAX_ADDRESS);
}

/// The vehicle step's rules.
pub fn vehicle(
    e: &mut FieldErrors,
    vehicle_type: Option<VehicleType>,
    plate: &str,
    national: &str,
    city: &str,
) {
    if vehicle_type.is_none() {
        e.add("vehicleType", Message::new("validation-required"));
    }
    if text(e, "plateNumber", plate, MAX_PLATE)
        && !plate
            .chars()
            .any(|c| kernel::phone::ascii_digit(c).is_some())
    {
        e.add("plateNumber", Message::new("registrations-plate"));
    }
    if e.required("nationalId", national) && national_id(national).is_none() {
        e.add("nationalId", Message::new("registrations-national-id"));
    }
    text(e, "city", city, MAX_CITY);
}

/// A national ID or iqama number in ASCII digits: 10 digits starting with
/// 1 (citizens) or 2 (residents).
pub fn national_id(raw: &str) -> Option<String> {
    ascii_digits(raw).filter(|d| d.len() == NATIONAL_ID_DIGITS && d.starts_with(['1', '2']))
}

/// A plate as stored: trimmed, runs of spaces as one, Arabic-Indic digits as ASCII.
pub fn plate(raw: &str) -> String {
    raw.split_whitespace()
        .map(|w| {
            w.chars()
                .map(|c| kernel::phone::ascii_digit(c).unwrap_or(c))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An admin's reason for a rejection: required, shown to the applicant.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RejectRegistration {
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: String,
}

impl Validate for RejectRegistration {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        text(&mut e, "reason", &self.reason, MAX_REASON);
        e.into_result()
    }
}

/// A signed link's token, as e-mailed (confirm, resume).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkToken {
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 200)]
    pub token: String,
}

impl Validate for LinkToken {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        text(&mut e, "token", &self.token, 200);
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(r: Result<(), ApiError>) -> Vec<String> {
        match r {
            Err(ApiError::Validation(f)) => f.iter().map(|(k, _)| k.clone()).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_failing_field_of_a_step_is_named() {
        let step = RegistrationStep {
            plate_number: Some("ABC".into()),
            national_id: Some("3123456789".into()),
            company_name_ar: Some("x".into()),
            ..RegistrationStep::of(Step::Vehicle)
        };
        let mut got = fields(step.validate());
        got.sort();
        assert_eq!(
            got,
            [
                "city",
                "companyNameAr",
                "nationalId",
                "plateNumber",
                "vehicleType"
            ]
        );
        let ok = RegistrationStep {
            vehicle_type: Some(VehicleType::Car),
            plate_number: Some("أ ب ج ١٢٣٤".into()),
            national_id: Some("١٠١٢٣٤٥٦٧٨".into()),
            city: Some("الرياض".into()),
            ..RegistrationStep::of(Step::Vehicle)
        };
        assert!(ok.validate().is_ok());
        assert_eq!(plate("  أ ب  ج ١٢٣٤ "), "أ ب ج 1234");
        assert_eq!(national_id("2-123456789").as_deref(), Some("2123456789"));
    }

    #[test]
    fn a_filled_honeypot_is_refused() {
        let r = NewRegistration {
            kind: Kind::Supplier,
            full_name: "Ali".into(),
            phone: "0551234567".into(),
            email: "ali@example.sa".into(),
            website: Some("http://spam".into()),
        };
        assert_eq!(fields(r.validate()), ["website"]);
    }
}
