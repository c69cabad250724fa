// Placeholder: replaced by the ISO 8583 codec.
