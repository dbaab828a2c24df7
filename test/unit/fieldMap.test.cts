import { toHarvestBody, type FieldMapping } from '../../nodes/HarvestUsers/actions/shared/fieldMap';

const fields: FieldMapping[] = [
	{ name: 'isActive', key: 'is_active', label: 'Active' },
	{ name: 'hourlyRate', key: 'hourly_rate', label: 'Hourly Rate', amount: true },
	{ name: 'budget', key: 'budget', label: 'Budget', amount: true },
];

describe('toHarvestBody', () => {
	it('sends only the fields that were set, under Harvest’s names', () => {
		expect(toHarvestBody({ isActive: false, hourlyRate: 0 }, fields)).toEqual({
			is_active: false,
			hourly_rate: 0,
		});
		expect(toHarvestBody({}, fields)).toEqual({});
		expect(toHarvestBody({ budget: '', hourlyRate: null, other: 1 }, fields)).toEqual({});
	});

	it('reads amounts from expressions as numbers and refuses negative ones', () => {
		expect(toHarvestBody({ budget: '12.5' }, fields)).toEqual({ budget: 12.5 });
		expect(() => toHarvestBody({ hourlyRate: -1 }, fields)).toThrow(
			/Hourly Rate must be a number of 0 or more, got -1/,
		);
		expect(() => toHarvestBody({ budget: 'lots' }, fields)).toThrow(
			/Budget must be a number of 0 or more/,
		);
	});
});
