//! The booth's QR codes: one unguessable token per shop per window, good for a number
//! of orders; and their drawing, as SVG, on the server.

use chrono::{DateTime, Utc};
use qrcode::{EcLevel, QrCode, render::svg};
use sqlx::PgPool;

use crate::{error::AppError, model::ShopSettings};

/// The code a shop's screen shows now.
pub struct BoothToken {
    pub token: String,
    pub window_ends_at: DateTime<Utc>,
    /// Orders it can still start.
    pub remaining: i32,
}

/// The shop's token for the current window, minted by whoever asks first.
pub async fn current(
    pool: &PgPool,
    shop: &str,
    settings: &ShopSettings,
) -> sqlx::Result<BoothToken> {
    // When another request mints the same window's token at the same moment, this
    // statement's snapshot sees neither that row nor one of its own; the next one will.
    loop {
        if let Some(token) = current_or_none(pool, shop, settings).await? {
            return Ok(token);
        }
    }
}

async fn current_or_none(
    pool: &PgPool,
    shop: &str,
    settings: &ShopSettings,
) -> sqlx::Result<Option<BoothToken>> {
    let fresh = crate::ssr::random_token::<16>();
    // Windows are aligned on the epoch, by the database's clock, so every server
    // instance agrees on them.
    let row = sqlx::query!(
        r#"with w as (
               select to_timestamp((floor(extract(epoch from now()) / $2::int) * $2::int)::float8) as start
           ),
           minted as (
               insert into qr_codes (shop, window_start, window_end, token, remaining)
               select $1, w.start, w.start + make_interval(secs => $2::int), $3, $4 from w
               on conflict (shop, window_start) do nothing
               returning token, window_end, remaining
           )
           select token as "token!", window_end as "window_end!", remaining as "remaining!" from minted
           union all
           select q.token, q.window_end, q.remaining
           from qr_codes q join w on q.window_start = w.start
           where q.shop = $1
           limit 1"#,
        shop,
        settings.code_window_s as i32,
        fresh,
        settings.drinks_per_code as i32,
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| BoothToken {
        token: row.token,
        window_ends_at: row.window_end,
        remaining: row.remaining,
    }))
}

/// An SVG of `data`, with the quiet zone phones need to find the code from a distance.
pub fn svg(data: &str) -> Result<String, AppError> {
    let code = QrCode::with_error_correction_level(data, EcLevel::M).map_err(|err| {
        tracing::error!(error = %err, "QR code too long");
        AppError::internal()
    })?;
    let svg = code
        .render::<svg::Color>()
        .quiet_zone(true)
        .min_dimensions(256, 256)
        .dark_color(svg::Color("#1b120c"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The renderer writes a standalone XML document; inline HTML wants the element only.
    Ok(match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_an_inline_svg_element() {
        let svg = svg("http://127.0.0.1:3000/order/demo").expect("short URLs fit");

        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}
