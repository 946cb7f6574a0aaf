"""What every benchmark set shares: its own database, one timing helper, one data generator."""
