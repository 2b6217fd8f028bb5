"""The rules: targets, data age, status, forecast, scorecard and since-apel — pure pandas, no SQL text."""
