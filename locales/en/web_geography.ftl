## The admin's cities and areas page
web-nav-geography = Cities and areas
web-geo-subtitle = The kingdom's cities, their regions and districts, picked by addresses and stores.
web-geo-add-city = Add a city
web-geo-search = Search by city name
web-geo-empty-title = No matching cities
web-geo-empty-text = Try another spelling or add the city.
web-geo-region = Region
web-geo-status = Status
web-geo-active = Active
web-geo-inactive = Inactive
web-geo-edit-city = The city
web-geo-areas = Areas
web-geo-areas-empty = This city has no areas yet
web-geo-add-area = Add an area
web-geo-city-added = City added.
web-geo-city-saved = City saved.
web-geo-area-added = Area added.
