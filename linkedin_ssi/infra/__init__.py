"""Infrastructure every layer may use: settings, the home's lock, fault points, atomic writes, bundled resources."""
