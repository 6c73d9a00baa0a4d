//! QR codes drawn by the site itself, as inline SVG: the set-up secret of a
//! second factor must not be sent to a QR service.

use qrcode::QrCode;
use qrcode::render::svg;

/// An SVG image of `text` as a QR code, or `None` if it is too long for one.
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_address_becomes_an_svg_image() {
        let image = super::svg("otpauth://totp/Brobyg:a%40b.dk?secret=ABC").expect("svg");
        assert!(image.contains("<svg"));
        assert!(image.contains("</svg>"));
    }
}
