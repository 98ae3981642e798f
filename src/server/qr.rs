//! QR codes as the pages embed them: an `<svg>` element, for a phone's camera or a service
//! point's scanner.

/// `text` as a QR code at least `size` pixels square, with its quiet zone.
pub fn svg(text: &str, size: u32) -> anyhow::Result<String> {
    let svg = qrcode::QrCode::new(text.as_bytes())?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(size, size)
        .quiet_zone(true)
        .build();
    // The page embeds the <svg> element itself; the XML declaration has no place in HTML.
    Ok(svg.find("<svg").map_or(svg.clone(), |start| svg[start..].to_string()))
}
