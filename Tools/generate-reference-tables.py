#!/usr/bin/env python3
"""Regenerates CorridorCore's ISO 4217 and ISO 3166-1 tables.

Usage: pip install iso4217 pycountry && python3 Tools/generate-reference-tables.py
"""
import pathlib

import iso4217
import pycountry

root = pathlib.Path(__file__).resolve().parent.parent / "Sources" / "CorridorCore" / "Reference"


def quoted(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


def currencies():
    rows, seen = [], set()
    for c in iso4217.Currency:
        if c.exponent is None or c.code in seen:
            continue
        seen.add(c.code)
        rows.append(f'        CurrencyRecord(alphaCode: "{c.code}", numericCode: {int(c.number)}, '
                    f'exponent: {c.exponent}, name: "{quoted(c.currency_name)}"),')
    rows.sort()
    return ('// Generated from the ISO 4217 list (table A.1, active currencies with a defined minor unit) by\n'
            '// Tools/generate-reference-tables.py. Codes without a minor unit (precious metals, XXX, XDR...) '
            'are left out; fund codes with one are kept.\n\n'
            'extension Currency {\n'
            '    /// Every active ISO 4217 currency with a minor unit, sorted by alphabetic code.\n'
            '    static let records: [CurrencyRecord] = [\n' + '\n'.join(rows) + '\n    ]\n}\n')


def countries():
    rows = sorted(f'        Country(alpha2: "{c.alpha_2}", alpha3: "{c.alpha_3}", numericCode: {int(c.numeric)}, '
                  f'name: "{quoted(c.name)}"),' for c in pycountry.countries)
    return ('// Generated from ISO 3166-1 (via the pycountry data set) by Tools/generate-reference-tables.py.\n\n'
            'extension Country {\n'
            '    /// Every ISO 3166-1 country, sorted by alpha-2 code.\n'
            '    public static let all: [Country] = [\n' + '\n'.join(rows) + '\n    ]\n}\n')


(root / "Currency+Table.swift").write_text(currencies())
(root / "Country+Table.swift").write_text(countries())
