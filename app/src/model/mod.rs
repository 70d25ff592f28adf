//! Types shared by the server and the browser.

mod device;
mod event;
mod ids;
mod input;
mod mail;
mod menu_edit;
mod order;
mod report;
mod robots;
mod settings_patch;
mod shop;
mod shop_input;
mod staff;
mod stock;
mod user;
mod views;
mod workflow;

pub use device::{
    Device, NewDevice, PAIR_QUERY, PAIRING_ALPHABET, PAIRING_CODE_LEN, PAIRING_MINUTES, Pairing,
    PairingState, ScreenPairing, normalize_pairing_code,
};
pub use event::{
    Actor, ActorKind, Change, Event, EventKind, EventWire, OrderCancelled, OrderCreated,
    OrderPosition, OrderQueued, OrderStep, OrderTimedOut, QrRedeemed, ShopArchived, ShopStatus,
    ShopUpdated,
};
pub use ids::{OrderId, UserId};
pub use input::{
    CancelOrder, ChooseDrink, CodeRequest, CodeVerification, CounterOrder, Credentials,
    MAX_CUSTOMER_NAME, NameChange, OrderAction, SetOpen, StaffApp, StartOrder,
};
pub use mail::DevMail;
pub use menu_edit::{MenuEditing, assign_ids, change_choice, keep_counter_flags, place};
pub use order::{Canceller, Order, OrderState, Step, TimeoutCause};
pub use report::{
    BaristaCount, CSV_HEADER, Chart, ChoiceCount, DrinkCount, HourCount, HourWait, OrderCounts,
    Quantiles, Report, ReportQuery, ReportView, WaitSpread,
};
pub use robots::{
    Moment, Replay, ReplayQuery, Simulation, SimulationOrders, SimulationSettings, SimulationState,
};
pub use settings_patch::{SETTING_RANGES, SettingsPatch};
pub use shop::{Choice, Drink, Menu, ModifierGroup, Shop, ShopSettings, choices, choices_mut};
pub use shop_input::{NewShop, ShopChanges, check_menu, is_slug};
pub use staff::{NewStaff, Staff, StaffChanges};
pub use stock::{
    LOW_PORTIONS, MAX_PORTIONS, Stock, StockChange, StockChanged, StockItem, StockItems, StockPatch,
};
pub use user::{Role, SignedIn, User};
pub use views::{Board, BoothCode, Console, HowView, OrderFeed, Poster, ShopSummary};
pub use workflow::{Edge, Graph, Node};

/// A field that is present, `null` included (an absent one is `None` by default): for
/// `Option<Option<T>>` fields where `null` means "remove".
fn present<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}
