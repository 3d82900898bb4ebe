"""The whole business of ServiceDesk, without Qt: store, services and documents."""
