import CorridorCore

/// Server-rendered HTML for the dashboard: escaping and the page frame (inline CSS, no script, no build step).
enum HTMLPage {
    /// `text` escaped for elements and quoted attributes.
    static func escape(_ text: String) -> String { MarkupText.escaped(text) }

    /// A whole page: the navigation, a heading and `body` (already HTML).
    static func render(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Corridor</title>
        <style>
        body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
        header{background:#16324f;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:center}
        header a{color:#fff;text-decoration:none;font-weight:600}
        header .brand{font-size:20px;margin-right:24px}
        main{padding:16px 24px;max-width:1100px}
        h1{font-size:22px}
        table{border-collapse:collapse;background:#fff;margin:8px 0 20px}
        th,td{border:1px solid #d5dce4;padding:6px 10px;text-align:left;font-size:14px}
        th{background:#e9eef4}
        .cards{display:flex;flex-wrap:wrap;gap:16px}
        .card{background:#fff;border:1px solid #d5dce4;border-radius:6px;padding:12px;width:240px}
        .card svg{width:200px;height:200px}
        .approved{color:#17803d;font-weight:700}.declined{color:#b3261e;font-weight:700}
        form{background:#fff;border:1px solid #d5dce4;padding:12px;margin:8px 0 16px;max-width:520px}
        label{display:block;margin:6px 0}
        input,select{font-size:14px;padding:4px}
        button{background:#16324f;color:#fff;border:0;padding:8px 16px;font-size:14px;border-radius:4px}
        .muted{color:#5c6b7a;font-size:13px}
        </style></head>
        <body><header><span class="brand">Corridor</span>
        <a href="/dashboard">Overview</a><a href="/dashboard/merchants">Merchants</a>
        <a href="/dashboard/clearing">Clearing</a></header>
        <main><h1>\(escape(title))</h1>
        \(body)
        </main></body></html>
        """
    }
}
