//! What a page starts from, in one call; the live streams keep it current from there.

use serde::{Deserialize, Serialize};

use super::{Event, Order, OrderState, Shop, Stock, StockItems, UserId, choices};

/// A staff board (the baristas' and the booth screen's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub shop: Shop,
    /// Open orders (choosing, queued, being made) and those ready within the shop's
    /// `ready_retention_s`, oldest first.
    pub orders: Vec<Order>,
    /// Staff ids and names: who is making what.
    pub staff: Vec<(UserId, String)>,
    /// Orders the booth's current QR code can still start.
    pub code_remaining: i32,
    /// Every drink and choice of the menu: sold out or not, and the portions left.
    #[serde(default)]
    pub stock: Stock,
    /// The log's last event before the rest was read: the stream goes on from here.
    pub since: i64,
}

/// The live picture of how a shop works (`/how/{shop}`): today's orders by state and the
/// newest steps, without who the customers are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HowView {
    pub slug: String,
    pub name: String,
    /// Today's orders (the shop's day) in each state, every state named.
    pub counts: Vec<(OrderState, u32)>,
    /// The newest order events, oldest first.
    pub events: Vec<Event>,
    /// The log's last event before the rest was read: the stream goes on from here.
    pub since: i64,
}

/// An order and its journey so far: what a page following it starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderFeed {
    pub order: Order,
    pub journey: Vec<Event>,
    /// The log's last event before the rest was read: the stream goes on from here.
    pub since: i64,
}

/// The code the booth screen shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BoothCode {
    pub token: String,
    /// What the code encodes: the customer app's page for the shop, with the token.
    pub url: String,
    /// The code drawn as an inline SVG element, with its quiet zone: for the booth
    /// screen (the JSON API leaves it out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub svg: Option<String>,
    /// Orders the code can still start.
    pub remaining: i32,
    /// When the code's window ends (RFC 3339): the screen shows the next one then.
    pub window_ends_at: String,
}

/// A shop as the operator's console lists it: the shop, and how its day goes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShopSummary {
    pub shop: Shop,
    /// Orders started and not yet ready or ended (choosing, queued, being made).
    pub in_progress: u32,
    /// Orders queued today, in the shop's time zone.
    pub today: u32,
    /// The names of the drinks and choices that cannot be ordered now.
    pub sold_out: Vec<String>,
    /// The counted items running low: "Oat milk: 3 left".
    pub low: Vec<String>,
}

impl ShopSummary {
    pub fn new(shop: Shop, in_progress: u32, today: u32, stock: &Stock) -> Self {
        let drinks = shop.menu.iter().map(|drink| (&drink.id, &drink.name));
        let choices = choices(&shop.menu).map(|choice| (&choice.id, &choice.name));
        let low_in =
            |items: &StockItems, id: &str| items.get(id).copied().filter(|item| item.is_low());
        let mut low: Vec<String> = Vec::new();
        let counted = drinks
            .filter_map(|(id, name)| Some((name, low_in(&stock.drinks, id)?)))
            .chain(choices.filter_map(|(id, name)| Some((name, low_in(&stock.choices, id)?))));
        for (name, item) in counted {
            let line = format!("{name}: {} left", item.remaining.unwrap_or_default());
            if !low.contains(&line) {
                low.push(line);
            }
        }
        Self {
            low,
            ..Self::with_sold_out(shop, in_progress, today)
        }
    }

    /// The same shop as the server changed it: its counts and what is low kept.
    pub fn with_shop(&self, shop: Shop) -> Self {
        Self {
            low: self.low.clone(),
            ..Self::with_sold_out(shop, self.in_progress, self.today)
        }
    }

    fn with_sold_out(shop: Shop, in_progress: u32, today: u32) -> Self {
        let mut sold_out: Vec<String> = Vec::new();
        let drinks = shop.menu.iter().map(|drink| (&drink.name, drink.available));
        let choices = choices(&shop.menu).map(|choice| (&choice.name, choice.available));
        for (name, available) in drinks.chain(choices) {
            if !available && !sold_out.contains(name) {
                sold_out.push(name.clone());
            }
        }
        Self {
            shop,
            in_progress,
            today,
            sold_out,
            low: Vec::new(),
        }
    }
}

/// What the operator's console starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Console {
    /// Every shop by name, archived ones last.
    pub shops: Vec<ShopSummary>,
    /// The time zones a shop may be in, by name.
    pub timezones: Vec<String>,
    /// The log's last event before the rest was read: the stream goes on from here.
    pub since: i64,
}

/// A shop's screen poster: the booth screen's address, and its QR code as SVG.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poster {
    pub name: String,
    pub url: String,
    pub svg: String,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_console_names_what_is_sold_out_and_what_runs_low() {
        let oat = json!({ "id": "oat", "name": "Oat milk", "available": true });
        let group = json!({ "id": "milk", "name": "Milk", "min": 0, "max": 1, "choices": [oat] });
        let shop: Shop = serde_json::from_value(json!({
            "slug": "demo", "name": "Demo", "open": true, "settings": {},
            "menu": [
                { "id": "latte", "name": "Latte", "available": true, "groups": [group] },
                { "id": "flat", "name": "Flat white", "available": false, "groups": [group] },
            ],
        }))
        .expect("a shop");
        let stock: Stock = serde_json::from_value(json!({
            "drinks": { "latte": { "available": true, "remaining": 40 },
                        "flat": { "available": true, "remaining": 0 } },
            "choices": { "oat": { "available": true, "remaining": 3 } },
        }))
        .expect("a stock");

        let summary = ShopSummary::new(shop.clone(), 2, 9, &stock);

        assert_eq!(summary.sold_out, ["Flat white"]);
        assert_eq!(summary.low, ["Oat milk: 3 left"]);
        let renamed = Shop {
            name: "Renamed".to_owned(),
            ..shop
        };
        let changed = summary.with_shop(renamed);
        assert_eq!((changed.in_progress, changed.today), (2, 9));
        assert_eq!(changed.low, summary.low);
    }
}
