validation-date = Write a date between 2000 and 2100 as YYYY-MM-DD, for example 2026-12-01.
validation-date-order = The end date comes on or after the start date.
