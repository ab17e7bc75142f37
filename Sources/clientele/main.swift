print("clientele")
