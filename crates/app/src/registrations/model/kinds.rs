//! The fixed lists of registration requests: who applies, where a request
//! stands, its documents' kinds, a representative's vehicle types.

use serde::{Deserialize, Serialize};

/// Who applies: a supplier (a company with stores) or a representative (a
/// travelling mechanic of Tashlih).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = RegistrationKind)]
pub enum Kind {
    Supplier,
    Representative,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Supplier, Kind::Representative];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Supplier => "supplier",
            Kind::Representative => "representative",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn role(self) -> crate::identity::model::Role {
        match self {
            Kind::Supplier => crate::identity::model::Role::Supplier,
            Kind::Representative => crate::identity::model::Role::Representative,
        }
    }

    /// The documents a request of this kind may carry.
    pub fn documents(self) -> &'static [DocumentKind] {
        match self {
            Kind::Supplier => &[
                DocumentKind::CommercialRegistration,
                DocumentKind::VatCertificate,
                DocumentKind::Other,
            ],
            Kind::Representative => &[
                DocumentKind::NationalId,
                DocumentKind::DrivingLicense,
                DocumentKind::VehicleRegistration,
                DocumentKind::Other,
            ],
        }
    }

    /// The documents it cannot be submitted without.
    pub fn required_documents(self) -> &'static [DocumentKind] {
        match self {
            Kind::Supplier => &[
                DocumentKind::CommercialRegistration,
                DocumentKind::VatCertificate,
            ],
            Kind::Representative => &[DocumentKind::NationalId, DocumentKind::DrivingLicense],
        }
    }
}

/// `draft` while the applicant fills it in; `submitted` until the e-mailed
/// link is used; `confirmed` in the admins' queue; then `approved` or
/// `rejected` (a rejected request may be edited and submitted again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = RegistrationStatus)]
pub enum Status {
    Draft,
    Submitted,
    Confirmed,
    Rejected,
    Approved,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Submitted,
        Status::Confirmed,
        Status::Rejected,
        Status::Approved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Confirmed => "confirmed",
            Status::Rejected => "rejected",
            Status::Approved => "approved",
        }
    }

    pub fn from_db(s: &str) -> Status {
        Status::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .unwrap_or(Status::Draft)
    }

    /// The applicant may change it.
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Rejected)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = RegistrationDocumentKind)]
pub enum DocumentKind {
    /// Suppliers, required.
    CommercialRegistration,
    /// Suppliers, required.
    VatCertificate,
    /// Representatives (national ID or iqama), required.
    NationalId,
    /// Representatives, required.
    DrivingLicense,
    /// Representatives (the vehicle's registration card), optional.
    VehicleRegistration,
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::CommercialRegistration,
        DocumentKind::VatCertificate,
        DocumentKind::NationalId,
        DocumentKind::DrivingLicense,
        DocumentKind::VehicleRegistration,
        DocumentKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::CommercialRegistration => "commercial_registration",
            DocumentKind::VatCertificate => "vat_certificate",
            DocumentKind::NationalId => "national_id",
            DocumentKind::DrivingLicense => "driving_license",
            DocumentKind::VehicleRegistration => "vehicle_registration",
            DocumentKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind a company keeps it as, once approved.
    pub fn company_kind(self) -> crate::stores::model::DocumentKind {
        use crate::stores::model::DocumentKind as C;
        match self {
            DocumentKind::CommercialRegistration => C::CommercialRegistration,
            DocumentKind::VatCertificate => C::VatCertificate,
            _ => C::Other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = RepVehicleType)]
pub enum VehicleType {
    Motorcycle,
    Car,
    Pickup,
    Van,
    TowTruck,
}

impl VehicleType {
    pub const ALL: [VehicleType; 5] = [
        VehicleType::Motorcycle,
        VehicleType::Car,
        VehicleType::Pickup,
        VehicleType::Van,
        VehicleType::TowTruck,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VehicleType::Motorcycle => "motorcycle",
            VehicleType::Car => "car",
            VehicleType::Pickup => "pickup",
            VehicleType::Van => "van",
            VehicleType::TowTruck => "tow_truck",
        }
    }

    pub fn parse(s: &str) -> Option<VehicleType> {
        VehicleType::ALL.into_iter().find(|k| k.as_str() == s)
    }
}
