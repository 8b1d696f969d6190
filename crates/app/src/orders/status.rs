//! The order state machine: which step may follow which, and who may take it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    PendingPayment,
    Confirmed,
    Accepted,
    Preparing,
    Shipped,
    ReadyForPickup,
    Delivered,
    Cancelled,
    Rejected,
    Refunded,
}

/// Who asks for a step; the store's and the customer's steps differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Customer,
    Store,
    /// An admin forcing a step (with a reason).
    Admin,
    /// Payments and timeouts.
    System,
}

impl Actor {
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Customer => "customer",
            Actor::Store => "store",
            Actor::Admin => "admin",
            Actor::System => "system",
        }
    }
}

/// The note of the step that cancels an order whose parcel came back to the
/// store: a code the pages and the notification show in words ("returned to
/// the store"), not a sentence of one language.
pub const RETURNED_NOTE: &str = "returned_to_store";

impl OrderStatus {
    pub const ALL: [OrderStatus; 10] = [
        OrderStatus::PendingPayment,
        OrderStatus::Confirmed,
        OrderStatus::Accepted,
        OrderStatus::Preparing,
        OrderStatus::Shipped,
        OrderStatus::ReadyForPickup,
        OrderStatus::Delivered,
        OrderStatus::Cancelled,
        OrderStatus::Rejected,
        OrderStatus::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Accepted => "accepted",
            OrderStatus::Preparing => "preparing",
            OrderStatus::Shipped => "shipped",
            OrderStatus::ReadyForPickup => "ready_for_pickup",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Rejected => "rejected",
            OrderStatus::Refunded => "refunded",
        }
    }

    pub fn parse(s: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Whether `actor` may move an order from `self` to `to`. Admins may take
    /// any step the machine has; the others only their own.
    pub fn allows(self, to: OrderStatus, actor: Actor) -> bool {
        use Actor::*;
        use OrderStatus::*;
        let edge = match (self, to) {
            (PendingPayment, Confirmed) => &[System, Admin][..],
            (PendingPayment, Cancelled) => &[Customer, System, Admin][..],
            (Confirmed, Accepted) => &[Store, Admin][..],
            (Confirmed, Rejected) => &[Store, Admin][..],
            (Confirmed, Cancelled) => &[Customer, Admin][..],
            (Accepted, Preparing) => &[Store, Admin][..],
            (Accepted, Cancelled) => &[Admin][..],
            (Preparing, Shipped) | (Preparing, ReadyForPickup) => &[Store, Admin][..],
            (Preparing, Cancelled) => &[Admin][..],
            // Ready for the courier: the carrier's tracking (the system) or,
            // for the local courier, the store moves it on.
            (ReadyForPickup, Shipped) => &[Store, Admin, System][..],
            (Shipped, Delivered) | (ReadyForPickup, Delivered) => &[Store, Admin, System][..],
            // A parcel the carrier brought back to the store: only its
            // tracking ends the order (see `RETURNED_NOTE`).
            (Shipped, Cancelled) | (ReadyForPickup, Cancelled) => &[System][..],
            (Delivered, Refunded) => &[Admin][..],
            _ => &[][..],
        };
        edge.contains(&actor)
    }

    /// Steps that give the money back and the stock with it.
    pub fn undoes_sale(self) -> bool {
        matches!(self, OrderStatus::Cancelled | OrderStatus::Rejected)
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Delivered
                | OrderStatus::Cancelled
                | OrderStatus::Rejected
                | OrderStatus::Refunded
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivered_never_goes_back_to_preparing() {
        for actor in [Actor::Customer, Actor::Store, Actor::Admin, Actor::System] {
            assert!(!OrderStatus::Delivered.allows(OrderStatus::Preparing, actor));
        }
    }

    #[test]
    fn customers_cancel_only_before_acceptance() {
        assert!(OrderStatus::Confirmed.allows(OrderStatus::Cancelled, Actor::Customer));
        assert!(!OrderStatus::Accepted.allows(OrderStatus::Cancelled, Actor::Customer));
        assert!(OrderStatus::Accepted.allows(OrderStatus::Cancelled, Actor::Admin));
    }

    #[test]
    fn only_the_carriers_return_cancels_an_order_on_its_way() {
        for from in [OrderStatus::Shipped, OrderStatus::ReadyForPickup] {
            assert!(from.allows(OrderStatus::Cancelled, Actor::System));
            for actor in [Actor::Customer, Actor::Store, Actor::Admin] {
                assert!(
                    !from.allows(OrderStatus::Cancelled, actor),
                    "{from:?} {actor:?}"
                );
            }
        }
    }

    #[test]
    fn only_payment_confirms() {
        assert!(!OrderStatus::PendingPayment.allows(OrderStatus::Confirmed, Actor::Store));
        assert!(!OrderStatus::PendingPayment.allows(OrderStatus::Confirmed, Actor::Customer));
        assert!(OrderStatus::PendingPayment.allows(OrderStatus::Confirmed, Actor::System));
    }

    #[test]
    fn final_states_have_no_way_out_but_a_refund() {
        for from in OrderStatus::ALL.into_iter().filter(|s| s.is_final()) {
            for to in OrderStatus::ALL {
                let allowed = from.allows(to, Actor::Admin);
                assert_eq!(
                    allowed,
                    from == OrderStatus::Delivered && to == OrderStatus::Refunded,
                    "{from:?} -> {to:?}"
                );
            }
        }
    }
}
