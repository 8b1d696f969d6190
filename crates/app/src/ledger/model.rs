use serde::Serialize;
use uuid::Uuid;

/// An account, named by what it is for; its row is created on first use.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Account {
    /// What the platform owes a customer: the wallet balance.
    CustomerWallet(Uuid),
    /// Money paid for one payment target and not yet settled to its seller.
    Escrow {
        target_kind: String,
        target_id: Uuid,
    },
    StorePayable(Uuid),
    RepPayable(Uuid),
    /// What the platform owes an external-parts merchant.
    MerchantPayable(Uuid),
    /// Money a card gateway holds for us, per gateway.
    GatewayClearing(String),
    /// Cash a store collected on delivery, before it is set against its payable.
    CashInTransit,
    PlatformRevenue,
    VatPayable,
    PromotionsExpense,
    CashbackExpense,
    Adjustments,
    Bank,
}

impl Account {
    /// (kind, owner id, owner key) as stored.
    pub fn key(&self) -> (&'static str, Option<Uuid>, String) {
        match self {
            Account::CustomerWallet(u) => ("customer_wallet", Some(*u), String::new()),
            Account::Escrow {
                target_kind,
                target_id,
            } => ("order_escrow", Some(*target_id), target_kind.clone()),
            Account::StorePayable(s) => ("store_payable", Some(*s), String::new()),
            Account::RepPayable(r) => ("rep_payable", Some(*r), String::new()),
            Account::MerchantPayable(m) => ("merchant_payable", Some(*m), String::new()),
            Account::GatewayClearing(g) => ("gateway_clearing", None, g.clone()),
            Account::CashInTransit => ("cash_in_transit", None, String::new()),
            Account::PlatformRevenue => ("platform_revenue", None, String::new()),
            Account::VatPayable => ("vat_payable", None, String::new()),
            Account::PromotionsExpense => ("promotions_expense", None, String::new()),
            Account::CashbackExpense => ("cashback_expense", None, String::new()),
            Account::Adjustments => ("adjustments", None, String::new()),
            Account::Bank => ("bank", None, String::new()),
        }
    }
}

/// Every account kind, for the reconciliation report.
pub const ACCOUNT_KINDS: [&str; 12] = [
    "customer_wallet",
    "order_escrow",
    "store_payable",
    "rep_payable",
    "gateway_clearing",
    "cash_in_transit",
    "platform_revenue",
    "vat_payable",
    "promotions_expense",
    "cashback_expense",
    "adjustments",
    "bank",
];

/// One balanced movement of money, and why it happened.
#[derive(Debug, Clone)]
pub struct Posting {
    /// `payment_captured`, `order_settled`, `refund`, `cashback`, `wallet_credit`, `payout`, ...
    pub kind: &'static str,
    /// The same key never books twice.
    pub idempotency_key: String,
    pub target: Option<(String, Uuid)>,
    pub payment_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub memo: String,
    /// Debit positive, credit negative.
    pub legs: Vec<(Account, i64)>,
}

impl Posting {
    pub fn new(kind: &'static str, idempotency_key: impl Into<String>) -> Self {
        Posting {
            kind,
            idempotency_key: idempotency_key.into(),
            target: None,
            payment_id: None,
            actor_id: None,
            memo: String::new(),
            legs: Vec::new(),
        }
    }

    pub fn target(mut self, kind: &str, id: Uuid) -> Self {
        self.target = Some((kind.to_owned(), id));
        self
    }

    pub fn payment(mut self, id: Uuid) -> Self {
        self.payment_id = Some(id);
        self
    }

    pub fn actor(mut self, id: Option<Uuid>) -> Self {
        self.actor_id = id;
        self
    }

    pub fn memo(mut self, memo: impl Into<String>) -> Self {
        self.memo = memo.into();
        self
    }

    pub fn debit(mut self, account: Account, amount: i64) -> Self {
        self.legs.push((account, amount));
        self
    }

    pub fn credit(mut self, account: Account, amount: i64) -> Self {
        self.legs.push((account, -amount));
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("the legs of a posting sum to {0}, not zero")]
    Unbalanced(i64),
    #[error("a posting needs two accounts with non-zero amounts")]
    TooFewLegs,
    #[error("the wallet cannot pay this")]
    InsufficientFunds,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl From<LedgerError> for kernel::ApiError {
    fn from(e: LedgerError) -> Self {
        match e {
            LedgerError::InsufficientFunds => kernel::ApiError::Unprocessable {
                code: "INSUFFICIENT_FUNDS",
                message: kernel::i18n::Message::new("wallet-insufficient-funds"),
                fields: kernel::FieldErrors::new(),
            },
            LedgerError::Db(e) => e.into(),
            other => kernel::ApiError::Internal(other.into()),
        }
    }
}

/// One row of an account's history.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntryLine {
    pub entry_id: i64,
    pub transaction_id: Uuid,
    pub kind: String,
    /// Signed from the account holder's side: positive adds to a wallet.
    pub amount: i64,
    /// The account balance after this entry.
    pub balance_after: i64,
    pub target_kind: Option<String>,
    pub target_id: Option<Uuid>,
    pub memo: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: time::OffsetDateTime,
}

/// Per account kind: the cached balances against the sum of their entries.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReconciliationRow {
    pub kind: String,
    pub accounts: i64,
    pub cached_total: i64,
    pub entries_total: i64,
    /// Accounts of this kind whose cached balance differs from their entries.
    pub mismatched_accounts: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Reconciliation {
    pub rows: Vec<ReconciliationRow>,
    /// Transactions whose entries do not sum to zero (must be none).
    pub unbalanced_transactions: i64,
    pub ok: bool,
}

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StoreBalance {
    /// What the platform owes the store, in halalas (negative: the store owes,
    /// e.g. commission on cash orders).
    pub balance: i64,
    pub currency: String,
}

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PayoutRequest {
    /// Halalas, positive.
    #[schema(minimum = 1)]
    pub amount: i64,
    /// The bank transfer's reference.
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub reference: String,
}

impl kernel::validation::Validate for PayoutRequest {
    fn validate(&self) -> Result<(), kernel::ApiError> {
        let mut e = kernel::FieldErrors::new();
        if self.amount <= 0 {
            e.add(
                "amount",
                kernel::i18n::Message::new("payment-amount-positive"),
            );
        }
        if e.required("reference", &self.reference) {
            e.max_chars("reference", &self.reference, 200);
        }
        e.into_result()
    }
}
