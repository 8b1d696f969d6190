## Countries, regions, cities and areas
geography-slug-format = Use lowercase latin letters (a–z), digits and hyphens, at most { $max } characters.
geography-code-format = A country code is two capital latin letters (such as SA).
geography-code-taken = This country code is already in use.
geography-slug-taken = This slug is already in use.
geography-country-unknown = There is no country with this id.
geography-region-unknown = There is no region with this id in this country.
geography-region-not-for-area = An area has no region; its city does.
geography-city-unknown = There is no available city with this id.
geography-country-has-cities = This country still has { $count ->
    [one] one city
   *[other] { $count } cities
}; delete them first.
geography-city-in-use = The city cannot be deleted: { $count ->
    [one] one address or store uses it
   *[other] { $count } addresses and stores use it
}.
