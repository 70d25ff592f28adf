//! The live state of a staff board, shared by the barista app and the booth screen.

use std::time::Duration;

use leptos::prelude::*;

use crate::model::{Board, Change, Event, Order, OrderId, Shop, Stock, UserId};

/// What every card needs: the orders, who the baristas are, the time.
#[derive(Clone, Copy)]
pub struct BoardState {
    pub orders: RwSignal<Vec<Order>>,
    pub staff: StoredValue<Vec<(UserId, String)>>,
    /// The barista using the board; nobody on the booth screen.
    pub me: StoredValue<Option<UserId>>,
    pub shop: StoredValue<Shop>,
    /// Whether the shop takes orders, live.
    pub open: RwSignal<bool>,
    /// Whether its event has ended, live.
    pub archived: RwSignal<bool>,
    /// The drinks left on the booth's current code, live.
    pub remaining: RwSignal<i32>,
    /// Milliseconds since the epoch, ticking each second once the page is live.
    pub now: RwSignal<Option<f64>>,
    /// Orders that just arrived, highlighted for a moment.
    pub fresh: RwSignal<Vec<OrderId>>,
    /// A short message about the last step that did not go as planned.
    pub notice: RwSignal<Option<String>>,
    /// What can be ordered, and the portions left, live.
    pub stock: RwSignal<Stock>,
    /// The order whose card holds the keyboard's focus: it keeps the focus as the card
    /// moves between lanes.
    pub selected: RwSignal<Option<OrderId>>,
}

impl BoardState {
    /// The state of a staff board from the server's `board`, for the staff member `me`.
    pub fn new(board: Board, me: Option<UserId>) -> Self {
        let Board {
            shop,
            orders,
            staff,
            code_remaining,
            stock,
            ..
        } = board;
        Self {
            orders: RwSignal::new(orders),
            staff: StoredValue::new(staff),
            me: StoredValue::new(me),
            open: RwSignal::new(shop.open),
            archived: RwSignal::new(shop.archived),
            remaining: RwSignal::new(code_remaining),
            shop: StoredValue::new(shop),
            now: RwSignal::new(None),
            fresh: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            stock: RwSignal::new(stock),
            selected: RwSignal::new(None),
        }
    }

    /// Takes in an event of the shop's stream: the shop's status, the code's drinks and
    /// the stock here; an order it carries is returned, to be put on the board with [`Self::upsert`].
    pub fn receive(&self, event: &Event) -> Option<Order> {
        match &event.change {
            Change::ShopOpened(_) => self.open.set(true),
            Change::ShopClosed(_) => self.open.set(false),
            Change::ShopArchived(archived) => {
                self.archived.set(archived.archived);
                if archived.archived {
                    self.open.set(false);
                }
            }
            Change::QrRedeemed(redeemed) => self.remaining.set(redeemed.remaining),
            Change::StockChanged(changed) => self.stock.update(|stock| stock.merge(&changed.stock)),
            _ => {}
        }
        event.change.order().cloned()
    }

    /// Highlights the order for `how_long`.
    pub fn highlight(&self, id: OrderId, how_long: Duration) {
        let fresh = self.fresh;
        fresh.update(|fresh| fresh.push(id));
        set_timeout(
            move || fresh.update(|fresh| fresh.retain(|f| *f != id)),
            how_long,
        );
    }

    /// Puts `order` on the board, replacing its copy unless that is newer (a step's
    /// answer can arrive after the stream told of a later one).
    ///
    /// Orders that ended, and ready ones handed over or past the shop's retention, leave
    /// the list, so a board left on all day holds only what it shows.
    pub fn upsert(&self, order: Order) {
        let now = self.now.get_untracked();
        self.orders.update(|orders| {
            match orders.iter_mut().find(|o| o.id == order.id) {
                // RFC 3339 in UTC with milliseconds: the text sorts as the time does.
                Some(known) if known.updated_at <= order.updated_at => *known = order,
                Some(_) => {}
                None => orders.push(order),
            }
            orders.retain(|order| {
                order.state.is_open() || order.waiting_on_counter() && self.still_ready(order, now)
            });
        });
    }

    /// Whether a ready order is still within the shop's `ready_retention_s` at `now`
    /// (always, before the page's clock runs: the server has none).
    pub fn still_ready(&self, order: &Order, now: Option<f64>) -> bool {
        let retention_ms = self
            .shop
            .with_value(|shop| f64::from(shop.settings.ready_retention_s) * 1000.0);
        now.is_none_or(|now| now - js_sys::Date::parse(&order.updated_at) < retention_ms)
    }

    /// A barista's name, when the board knows it.
    pub fn name_of(&self, id: UserId) -> Option<String> {
        self.staff.with_value(|staff| {
            staff
                .iter()
                .find(|(staff_id, _)| *staff_id == id)
                .map(|(_, name)| name.clone())
        })
    }
}
