//! QR codes, drawn on the server as SVG.

use qrcode::{EcLevel, QrCode, render::svg};

use crate::error::AppError;

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
