import CorridorISO8583

/// Placeholder: the ISO 8583 TCP endpoint is being written.
enum ISO8583ServerPlaceholder {}
