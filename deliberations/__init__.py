"""Sessions, attendance, proxies, acts and votes, their legal rules, record and documents."""
