from winwin_desktop.cli import main

raise SystemExit(main())
